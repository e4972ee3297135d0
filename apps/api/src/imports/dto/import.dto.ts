import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IMPORT_MAX_PASTE_CHARS } from '@app/domain';

export const IMPORT_OUTCOMES = ['created', 'updated', 'unchanged', 'refused'] as const;
export type ImportOutcomeName = (typeof IMPORT_OUTCOMES)[number];

export const TEMPLATE_FORMATS = ['csv', 'xlsx'] as const;
export type TemplateFormat = (typeof TEMPLATE_FORMATS)[number];

/** The JSON form of a request import: the demand letter's text, pasted. */
export class ImportLetterDto {
  /**
   * The letter as pasted. Its numbered items ("1.", "2)", "(a)", "i.", "Request No. 3:")
   * become requests; a heading or preamble before the first item and a closing after the
   * last are reported, not imported.
   */
  @IsOptional()
  @IsString()
  @MaxLength(IMPORT_MAX_PASTE_CHARS)
  text?: string;
}

/** The multipart form of an import: one CSV or XLSX file (the template's columns). */
export class ImportFileFormDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'A CSV (UTF-8) or XLSX file, at most 2 MB' })
  file: unknown;
}

export class ImportQueryDto {
  /** True: answer what the import would do, and write nothing. */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  dryRun?: boolean;
}

export class TemplateQueryDto {
  /** CSV (the default) or XLSX. */
  @IsOptional()
  @IsIn(TEMPLATE_FORMATS)
  format?: TemplateFormat;
}

export class RequestImportRowDto {
  /** The spreadsheet row (the heading is row 1), or the item's place in a pasted letter. */
  row: number;
  /** Null when the row has no readable ordinal. */
  ordinal: number | null;
  title: string;
  text: string;
  provisionReference: string | null;
  /** The subjects it applies to; empty: every subject. */
  subjectNames: string[];
  /**
   * The form template the Form column names (a request without a form gets a copy); null: none.
   * Always sent; optional in the document only so that older clients still type-check.
   */
  formTemplateName?: string | null;
  @ApiProperty({ enum: IMPORT_OUTCOMES, enumName: 'ImportOutcome' })
  outcome: ImportOutcomeName;
  /** Why the row is refused, e.g. "Row 4: the provision "9.9" is not in this audit." */
  reason: string | null;
  /** The request it created, updated or left unchanged (null in a dry run of a new one). */
  requestId: string | null;
}

export class ImportCountsDto {
  created: number;
  updated: number;
  unchanged: number;
  refused: number;
}

export class RequestImportResultDto {
  /** True: nothing was written; the outcomes say what an import would do. */
  dryRun: boolean;
  @ApiProperty({ enum: ['paste', 'csv', 'xlsx'] })
  source: 'paste' | 'csv' | 'xlsx';
  /** Pasted text before the first item (a heading, the preamble): not imported. */
  ignoredPreamble: string | null;
  /** Pasted text after the last item (the closing): not imported. */
  ignoredClosing: string | null;
  counts: ImportCountsDto;
  rows: RequestImportRowDto[];
}

export class SubjectImportRowDto {
  row: number;
  name: string;
  product: string | null;
  ownerEmail: string | null;
  @ApiProperty({ enum: IMPORT_OUTCOMES, enumName: 'ImportOutcome' })
  outcome: ImportOutcomeName;
  reason: string | null;
  subjectId: string | null;
  /**
   * For a subject the import gives a new owner: how many of its open responses go (in a preview,
   * would go) to them, as when its owner is edited: those that were nobody's or still the
   * previous owner's. 0 otherwise.
   */
  responsesReassigned: number;
}

export class SubjectImportResultDto {
  dryRun: boolean;
  @ApiProperty({ enum: ['csv', 'xlsx'] })
  source: 'csv' | 'xlsx';
  counts: ImportCountsDto;
  rows: SubjectImportRowDto[];
}
