import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';

const SPREADSHEET = {
  description: 'The file, as CSV (UTF-8 with BOM) or XLSX.',
  content: {
    'text/csv': { schema: { type: 'string', format: 'binary' } },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
      schema: { type: 'string', format: 'binary' },
    },
  },
} as const;
import { Auth, type AuthContext } from '../auth/auth-context';
import { attachmentFile } from '../common/file-download';
import { UuidParam } from '../common/uuid-param';
import { EXPORT_FORMATS } from './dto/export.dto';
import { ExportsService } from './exports.service';

@ApiTags('exports')
@Controller('audits/:auditId/exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  /** The response grid as CSV (UTF-8 with BOM) or XLSX. Any member. */
  @Get('responses.:format')
  @ApiParam({ name: 'format', enum: EXPORT_FORMATS })
  @ApiOkResponse(SPREADSHEET)
  responses(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Param('format') format: string,
  ): Promise<StreamableFile> {
    return this.exports.export(auth, auditId, 'responses', format).then(attachmentFile);
  }

  /** The evidence index (one row per file version) as CSV or XLSX. Any member. */
  @Get('evidence.:format')
  @ApiParam({ name: 'format', enum: EXPORT_FORMATS })
  @ApiOkResponse(SPREADSHEET)
  evidence(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Param('format') format: string,
  ): Promise<StreamableFile> {
    return this.exports.export(auth, auditId, 'evidence', format).then(attachmentFile);
  }
}
