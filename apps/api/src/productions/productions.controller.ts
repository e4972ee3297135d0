import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, type AuthContext } from '../auth/auth-context';
import { ExportFormatParam } from '../common/export-format';
import { attachmentFile } from '../common/file-download';
import { PageQueryDto } from '../common/pagination.dto';
import { UuidParam } from '../common/uuid-param';
import {
  AddProductionDocumentDto,
  CreateProductionDto,
  DesignationsDto,
  ProductionDetailDto,
  ProductionDocumentPageDto,
  ProductionListDto,
  ProductionVerificationDto,
  ReleasableVersionListDto,
  UpdateProductionDto,
} from './dto/production.dto';
import { type ProductionLogFormat, ProductionsService } from './productions.service';

@ApiTags('productions')
@Controller('audits/:auditId')
export class ProductionsController {
  constructor(private readonly productions: ProductionsService) {}

  /** The confidentiality designations this audit's volumes may stamp. */
  @Get('production-designations')
  designations(@Auth() auth: AuthContext, @UuidParam('auditId') auditId: string): Promise<DesignationsDto> {
    return this.productions.designations(auth, auditId);
  }

  /** Replaces the designations (counsel and above). */
  @Put('production-designations')
  setDesignations(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Body() dto: DesignationsDto,
  ): Promise<DesignationsDto> {
    return this.productions.setDesignations(auth, auditId, dto);
  }

  /** Evidence versions approved for release (files supporting an approved response). */
  @Get('releasable-evidence')
  releasable(@Auth() auth: AuthContext, @UuidParam('auditId') auditId: string): Promise<ReleasableVersionListDto> {
    return this.productions.releasable(auth, auditId);
  }

  /** The audit's volumes, oldest first: the production log. */
  @Get('productions')
  list(@Auth() auth: AuthContext, @UuidParam('auditId') auditId: string): Promise<ProductionListDto> {
    return this.productions.list(auth, auditId);
  }

  /**
   * The production log as CSV (one row per volume) or XLSX (that sheet, and a second with every
   * produced document: Bates range, designation, both SHA-256). Declared before
   * `productions/:productionId`, which would otherwise take `log.csv` for an id.
   */
  @Get('productions/log.:format')
  exportLog(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @ExportFormatParam('The production log.', 'csv', 'xlsx')
    format: ProductionLogFormat,
  ): Promise<StreamableFile> {
    return this.productions.exportLog(auth, auditId, format).then(attachmentFile);
  }

  /** Creates a draft volume (counsel and above). */
  @Post('productions')
  create(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Body() dto: CreateProductionDto,
  ): Promise<ProductionDetailDto> {
    return this.productions.create(auth, auditId, dto);
  }

  /** One volume with its documents (and their Bates ranges once produced). */
  @Get('productions/:productionId')
  get(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('productionId') productionId: string,
  ): Promise<ProductionDetailDto> {
    return this.productions.get(auth, auditId, productionId);
  }

  /** A page of the volume's documents, in Bates order, with their ranges and both SHA-256 once produced. */
  @Get('productions/:productionId/documents')
  documents(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('productionId') productionId: string,
    @Query() query: PageQueryDto,
  ): Promise<ProductionDocumentPageDto> {
    return this.productions.documents(auth, auditId, productionId, query);
  }

  /** Edits a draft (409 once produced). */
  @Patch('productions/:productionId')
  update(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('productionId') productionId: string,
    @Body() dto: UpdateProductionDto,
  ): Promise<ProductionDetailDto> {
    return this.productions.update(auth, auditId, productionId, dto);
  }

  /** Adds an evidence version with its designation (409 once produced, or when the privilege log withholds it). */
  @Post('productions/:productionId/documents')
  addDocument(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('productionId') productionId: string,
    @Body() dto: AddProductionDocumentDto,
  ): Promise<ProductionDetailDto> {
    return this.productions.addDocument(auth, auditId, productionId, dto);
  }

  /** Takes a document out of a draft. */
  @Delete('productions/:productionId/documents/:documentId')
  removeDocument(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('productionId') productionId: string,
    @UuidParam('documentId') documentId: string,
  ): Promise<ProductionDetailDto> {
    return this.productions.removeDocument(auth, auditId, productionId, documentId);
  }

  /**
   * Produces the volume in the background (counsel and above): Bates numbers, stamped pages,
   * load files, the ZIP. Poll GET .../productions/:productionId for progress. Irreversible.
   */
  @Post('productions/:productionId/produce')
  @HttpCode(202)
  produce(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('productionId') productionId: string,
  ): Promise<ProductionDetailDto> {
    return this.productions.produce(auth, auditId, productionId);
  }

  /** The produced volume as a ZIP (409 until produced). */
  @Get('productions/:productionId/volume')
  @ApiOkResponse({
    description: 'The volume.',
    content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
  })
  download(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('productionId') productionId: string,
  ): Promise<StreamableFile> {
    return this.productions.download(auth, auditId, productionId).then(attachmentFile);
  }

  /** Re-hashes the stored ZIP and every produced file and reports any difference. */
  @Post('productions/:productionId/verify')
  @HttpCode(200)
  verify(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('productionId') productionId: string,
  ): Promise<ProductionVerificationDto> {
    return this.productions.verify(auth, auditId, productionId);
  }
}
