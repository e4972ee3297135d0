import { Body, Controller, Delete, Get, HttpCode, Ip, Patch, Post, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { AppConfig } from '@app/config';
import { UuidParam } from '../common/uuid-param';
import { Auth, type AuthContext, OptionalLogin, Public } from './auth-context';
import { AuthService } from './auth.service';
import { clearSessionCookie, writeSessionCookie } from './session-cookie';
import {
  ApiTokenDto,
  ChangePasswordDto,
  CreateApiTokenDto,
  CreatedApiTokenDto,
  LoginDto,
  SessionDto,
  UpdateProfileDto,
  UserDto,
} from './dto/auth.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Logs in and sets the httpOnly session cookie. Repeated failed attempts for one account get
   * 429 with Retry-After (counted per account and client address, on every instance).
   */
  @Public()
  @ApiTooManyRequestsResponse({
    description: 'Too many failed attempts for this account (from this address); wait Retry-After seconds',
    headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } },
  })
  @Post('login')
  @HttpCode(200)
  async login(
    @Body() dto: LoginDto,
    @Ip() address: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<UserDto> {
    const { secret, user } = await this.auth.login(dto, address);
    writeSessionCookie(res, secret, this.config);
    return user;
  }

  /** Ends the current session and clears its cookie (a bearer token stays valid: revoke it instead). */
  @ApiCookieAuth()
  @Post('logout')
  @HttpCode(204)
  async logout(@Auth() auth: AuthContext, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(auth);
    clearSessionCookie(res, this.config);
  }

  /**
   * Who is logged in: `{ user: null }` (200) for a visitor, where /auth/me answers 401. The web
   * UI's first question, so a login page load logs no error.
   */
  @OptionalLogin()
  @Get('session')
  session(@Auth() auth: AuthContext | undefined): SessionDto {
    return this.auth.session(auth);
  }

  /** The logged-in user. */
  @Get('me')
  me(@Auth() auth: AuthContext): UserDto {
    return this.auth.me(auth);
  }

  /** Edits the caller's own name and time zone (a new zone moves their reminders). */
  @Patch('me')
  updateProfile(@Auth() auth: AuthContext, @Body() dto: UpdateProfileDto): Promise<UserDto> {
    return this.auth.updateProfile(auth, dto);
  }

  /** Changes the caller's password (the current one is required); their other sessions end. */
  @Post('me/password')
  @HttpCode(204)
  changePassword(@Auth() auth: AuthContext, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.auth.changePassword(auth, dto);
  }

  /** Creates a personal API token for scripts; the secret is returned once. */
  @Post('tokens')
  createToken(@Auth() auth: AuthContext, @Body() dto: CreateApiTokenDto): Promise<CreatedApiTokenDto> {
    return this.auth.createApiToken(auth, dto);
  }

  /** The caller's active API tokens (without secrets). */
  @Get('tokens')
  listTokens(@Auth() auth: AuthContext): Promise<ApiTokenDto[]> {
    return this.auth.listApiTokens(auth);
  }

  /** Revokes one of the caller's API tokens. */
  @Delete('tokens/:tokenId')
  @HttpCode(204)
  revokeToken(@Auth() auth: AuthContext, @UuidParam('tokenId') tokenId: string): Promise<void> {
    return this.auth.revokeApiToken(auth, tokenId);
  }
}
