import { Module } from '@nestjs/common';
import { InvitationsModule } from '../invitations/invitations.module';
import { AdminUsersController, PasswordResetsController } from './admin-users.controller';
import { AdminUsersService } from './admin-users.service';

@Module({
  imports: [InvitationsModule],
  controllers: [AdminUsersController, PasswordResetsController],
  providers: [AdminUsersService],
})
export class AdminUsersModule {}
