import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, type AuthContext, Public } from '../auth/auth-context';
import { UuidParam } from '../common/uuid-param';
import { LinkSentDto } from '../invitations/dto/invitation.dto';
import { AdminUsersService } from './admin-users.service';
import {
  AdminUserDto,
  AdminUserPageDto,
  AdminUserQueryDto,
  CreateAdminUserDto,
  CreatedAdminUserDto,
  PasswordResetInfoDto,
  SetNewPasswordDto,
  UpdateAdminUserDto,
} from './dto/admin-user.dto';

@ApiTags('admin: users')
@Controller('admin/users')
export class AdminUsersController {
  constructor(private readonly users: AdminUsersService) {}

  /** Every user with their state (ACTIVE, INVITED, DEACTIVATED) and last login (org admins only). */
  @Get()
  list(@Auth() auth: AuthContext, @Query() query: AdminUserQueryDto): Promise<AdminUserPageDto> {
    return this.users.list(auth, query);
  }

  /** Creates a user with a temporary password, or (without one) emails them an invitation. */
  @Post()
  create(@Auth() auth: AuthContext, @Body() dto: CreateAdminUserDto): Promise<CreatedAdminUserDto> {
    return this.users.create(auth, dto);
  }

  /** Name, org role, deactivate (`active: false`: sessions and tokens stop at once) or reactivate. */
  @Patch(':userId')
  update(
    @Auth() auth: AuthContext,
    @UuidParam('userId') userId: string,
    @Body() dto: UpdateAdminUserDto,
  ): Promise<AdminUserDto> {
    return this.users.update(auth, userId, dto);
  }

  /** Emails the user a one-time link, valid 24 hours, to `/password-resets/<token>`. */
  @Post(':userId/reset-password')
  @HttpCode(200)
  resetPassword(@Auth() auth: AuthContext, @UuidParam('userId') userId: string): Promise<LinkSentDto> {
    return this.users.sendPasswordReset(auth, userId);
  }

  /** Emails an invited user a fresh invitation link (7 days); the earlier link stops working. */
  @Post(':userId/resend-invitation')
  @HttpCode(200)
  resendInvitation(@Auth() auth: AuthContext, @UuidParam('userId') userId: string): Promise<LinkSentDto> {
    return this.users.resendInvitation(auth, userId);
  }
}

@ApiTags('password resets')
@Controller('password-resets')
export class PasswordResetsController {
  constructor(private readonly users: AdminUsersService) {}

  /** Public: whose password the link resets. 404 for an unknown link; 410 when used, replaced or expired. */
  @Public()
  @Get(':token')
  show(@Param('token') token: string): Promise<PasswordResetInfoDto> {
    return this.users.showPasswordReset(token);
  }

  /** Public: sets the new password (the link works once); every session and API token of the user ends. */
  @Public()
  @Post(':token')
  @HttpCode(204)
  complete(@Param('token') token: string, @Body() dto: SetNewPasswordDto): Promise<void> {
    return this.users.completePasswordReset(token, dto);
  }
}
