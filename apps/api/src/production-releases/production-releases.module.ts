import { Module } from '@nestjs/common';
import { ProductionReleasesController } from './production-releases.controller';
import { ProductionReleasesService } from './production-releases.service';
import { PublicReleasesController } from './public-releases.controller';

@Module({
  controllers: [ProductionReleasesController, PublicReleasesController],
  providers: [ProductionReleasesService],
})
export class ProductionReleasesModule {}
