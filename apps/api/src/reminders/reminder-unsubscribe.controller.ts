import { Controller, Get, Header, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiGoneResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '@app/health';
import { AppConfig } from '@app/config';
import { escapeHtml, UNSUBSCRIBE_LINK_DAYS } from '@app/mail';
import { TakesBody } from '../common/request-media-type';
import { UnsubscribedDto } from './dto/reminder-subscription.dto';
import { ReminderSubscriptionsService } from './reminder-subscriptions.service';

const page = (title: string, body: string) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
  `<title>${escapeHtml(title)}</title></head><body style="font-family:Arial,Helvetica,sans-serif;max-width:560px;margin:48px auto;padding:0 16px;color:#1f2933;">` +
  `<h1 style="font-size:22px;">${escapeHtml(title)}</h1>${body}</body></html>`;

const names = (dto: UnsubscribedDto) => dto.audits.map((a) => escapeHtml(a.name)).join(', ') || 'no audit you are in';

/**
 * The one-click unsubscribe link of reminder digests (RFC 8058). The token in the path is the
 * only credential. GET never changes anything (mail scanners follow links): it shows a button
 * that POSTs; mail clients POST directly (body `List-Unsubscribe=One-Click`, which is not read:
 * the API parses JSON only, and the POST itself is the request). An expired link answers 410:
 * a page for the browser, the problem document (reason EXPIRED) for the POST.
 */
@ApiTags('reminders')
@Controller('reminders/unsubscribe')
export class ReminderUnsubscribeController {
  constructor(
    private readonly subscriptions: ReminderSubscriptionsService,
    private readonly config: AppConfig,
  ) {}

  /** A page asking to confirm (for a person who opened the link in a browser). */
  @Public()
  @Get(':token')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ content: { 'text/html': { schema: { type: 'string' } } } })
  @ApiGoneResponse({
    description: 'The link has expired: a page saying so, with the way to Profile.',
    content: { 'text/html': { schema: { type: 'string' } } },
  })
  async confirm(@Param('token') token: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    const dto = await this.subscriptions.describe(token);
    if (dto === 'expired') {
      res.status(410);
      const profile = escapeHtml(`${this.config.APP_URL.replace(/\/$/, '')}/profile`);
      return page(
        'This link has expired',
        `<p>Unsubscribe links in reminder emails work for ${UNSUBSCRIBE_LINK_DAYS} days.</p>` +
          `<p>Sign in to AuditDesk to manage your reminders from your <a href="${profile}">Profile</a>.</p>`,
      );
    }
    return page(
      'Stop deadline reminders?',
      `<p>You will get no more reminder emails about: ${names(dto)}.</p>` +
        `<form method="post"><button type="submit" style="font-size:16px;padding:8px 16px;">Stop these reminders</button></form>`,
    );
  }

  /** Turns the link's person's reminders of its audits off; a browser's form gets a page back. */
  @Public()
  @Post(':token')
  @TakesBody('application/x-www-form-urlencoded')
  @HttpCode(200)
  @ApiOkResponse({
    description: 'The audits whose reminders are now off (a page instead when a browser form posted it).',
    type: UnsubscribedDto,
  })
  async unsubscribe(
    @Param('token') token: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<UnsubscribedDto | string> {
    const dto = await this.subscriptions.unsubscribe(token);
    if (!req.accepts(['json', 'html']) || req.accepts(['json', 'html']) === 'json') return dto;
    res.type('html');
    return page('Reminders stopped', `<p>You will get no more reminder emails about: ${names(dto)}.</p>`);
  }
}
