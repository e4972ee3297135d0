import { Module } from '@nestjs/common';
import { GridSyncService } from './grid-sync.service';

@Module({ providers: [GridSyncService], exports: [GridSyncService] })
export class GridModule {}
