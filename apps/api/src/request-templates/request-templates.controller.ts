import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, type AuthContext } from '../auth/auth-context';
import { PageQueryDto } from '../common/pagination.dto';
import { UuidParam } from '../common/uuid-param';
import {
  RequestTemplateDto,
  RequestTemplatePageDto,
  SaveRequestTemplateDto,
  UpdateRequestTemplateDto,
} from './dto/request-template.dto';
import { RequestTemplatesService } from './request-templates.service';

@ApiTags('request templates')
@Controller('request-templates')
export class RequestTemplatesController {
  constructor(private readonly templates: RequestTemplatesService) {}

  /** The organisation's request templates, by name (anyone signed in: anyone may open an audit). */
  @Get()
  list(@Query() query: PageQueryDto): Promise<RequestTemplatePageDto> {
    return this.templates.list(query);
  }

  /** A template with its provisions and requests. */
  @Get(':templateId')
  get(@UuidParam('templateId') templateId: string): Promise<RequestTemplateDto> {
    return this.templates.get(templateId);
  }

  /** Renames or re-describes a template (counsel of any audit, or an org admin). */
  @Patch(':templateId')
  update(
    @Auth() auth: AuthContext,
    @UuidParam('templateId') templateId: string,
    @Body() dto: UpdateRequestTemplateDto,
  ): Promise<RequestTemplateDto> {
    return this.templates.update(auth, templateId, dto);
  }

  /** Deletes a template (the person who saved it, or an org admin); audits made from it keep their requests. */
  @Delete(':templateId')
  @HttpCode(204)
  remove(@Auth() auth: AuthContext, @UuidParam('templateId') templateId: string): Promise<void> {
    return this.templates.remove(auth, templateId);
  }
}

@ApiTags('request templates')
@Controller('audits/:auditId/request-templates')
export class AuditRequestTemplatesController {
  constructor(private readonly templates: RequestTemplatesService) {}

  /** Saves this audit's requests, with the provisions they cite, as a template of the organisation (counsel). */
  @Post()
  save(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Body() dto: SaveRequestTemplateDto,
  ): Promise<RequestTemplateDto> {
    return this.templates.saveFromAudit(auth, auditId, dto);
  }
}
