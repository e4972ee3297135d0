import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ProductionReleasesController } from './production-releases.controller';
import { ProductionReleasesService } from './production-releases.service';
import { PublicReleasesController } from './public-releases.controller';

@Module({
  // The login throttle also counts the codes entered on release links.
  imports: [AuthModule],
  controllers: [ProductionReleasesController, PublicReleasesController],
  providers: [ProductionReleasesService],
})
export class ProductionReleasesModule {}
