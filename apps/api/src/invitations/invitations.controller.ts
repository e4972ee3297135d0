import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AppConfig } from '@app/config';
import { Auth, type AuthContext, Public } from '../auth/auth-context';
import { UserDto } from '../auth/dto/auth.dto';
import { writeSessionCookie } from '../auth/session-cookie';
import { UuidParam } from '../common/uuid-param';
import {
  AcceptInvitationDto,
  InvitationDto,
  InvitationResultDto,
  InvitationsResultDto,
  InviteMemberDto,
  InviteMembersDto,
  LinkSentDto,
} from './dto/invitation.dto';
import { InvitationsService } from './invitations.service';

@ApiTags('invitations')
@Controller()
export class InvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Lead counsel invite a person by email with a role. A known active user is added at once
   * (`ADDED`); anyone else becomes a member in the INVITED state and is emailed a one-time
   * link to `/invitations/<token>`, valid 7 days (`INVITED`). A failed email keeps the
   * invitation (`mailSent: false`): resend it.
   */
  @Post('audits/:auditId/invitations')
  invite(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Body() dto: InviteMemberDto,
  ): Promise<InvitationResultDto> {
    return this.invitations.invite(auth, auditId, dto);
  }

  /**
   * Lead counsel invite several people at once, each as `invite` does, all or none: a person
   * who cannot be invited (already a member, a deactivated account, the same address twice)
   * is named as `people[i].email` and nobody is invited. One result per person, in order.
   */
  @Post('audits/:auditId/invitations/batch')
  inviteMany(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Body() dto: InviteMembersDto,
  ): Promise<InvitationsResultDto> {
    return this.invitations.inviteMany(auth, auditId, dto);
  }

  /** Lead counsel: emails a fresh link to a member who has not accepted; the old link stops working. */
  @Post('audits/:auditId/members/:userId/resend-invitation')
  @HttpCode(200)
  resend(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('userId') userId: string,
  ): Promise<LinkSentDto> {
    return this.invitations.resend(auth, auditId, userId);
  }

  /** Public: who invited whom to which audit. 404 for an unknown link; 410 when used, replaced or expired. */
  @Public()
  @Get('invitations/:token')
  show(@Param('token') token: string): Promise<InvitationDto> {
    return this.invitations.show(token);
  }

  /**
   * Public: accepts the invitation with a name, an IANA time zone and a password; the account
   * becomes active and is logged in (the session cookie, as /auth/login). The link works once.
   */
  @Public()
  @Post('invitations/:token/accept')
  @HttpCode(200)
  async accept(
    @Param('token') token: string,
    @Body() dto: AcceptInvitationDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<UserDto> {
    const { secret, user } = await this.invitations.accept(token, dto);
    writeSessionCookie(res, secret, this.config);
    return user;
  }
}
