import { Body, Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, type AuthContext } from '../auth/auth-context';
import { UuidParam } from '../common/uuid-param';
import { CreateFormTemplateDto, FormTemplateDto, UpdateFormTemplateDto } from './dto/form-template.dto';
import { FormTemplatesService } from './form-templates.service';

@ApiTags('form templates')
@Controller('form-templates')
export class FormTemplatesController {
  constructor(private readonly templates: FormTemplatesService) {}

  /** The organisation's form templates, by name (anyone signed in: anyone may pick one). */
  @Get()
  list(): Promise<FormTemplateDto[]> {
    return this.templates.list();
  }

  /** A form template with its fields (retired ones included). */
  @Get(':templateId')
  get(@UuidParam('templateId') templateId: string): Promise<FormTemplateDto> {
    return this.templates.get(templateId);
  }

  /** Saves a new form template (counsel of any audit, or an org admin). */
  @Post()
  create(@Auth() auth: AuthContext, @Body() dto: CreateFormTemplateDto): Promise<FormTemplateDto> {
    return this.templates.create(auth, dto);
  }

  /**
   * Replaces a template's name, description and fields; fields left out retire. Send the
   * `version` you read; a stale one gets 409 VERSION_CONFLICT.
   */
  @Put(':templateId')
  update(
    @Auth() auth: AuthContext,
    @UuidParam('templateId') templateId: string,
    @Body() dto: UpdateFormTemplateDto,
  ): Promise<FormTemplateDto> {
    return this.templates.update(auth, templateId, dto);
  }

  /** Deletes a template (the person who saved it, or an org admin); requests keep their copies. */
  @Delete(':templateId')
  @HttpCode(204)
  remove(@Auth() auth: AuthContext, @UuidParam('templateId') templateId: string): Promise<void> {
    return this.templates.remove(auth, templateId);
  }
}
