import { Module } from '@nestjs/common';
import { StructureOrderController } from './structure-order.controller';
import { StructureOrderService } from './structure-order.service';

@Module({ controllers: [StructureOrderController], providers: [StructureOrderService] })
export class StructureOrderModule {}
