import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, type AuthContext } from '../auth/auth-context';
import { PageQueryDto } from '../common/pagination.dto';
import { UuidParam } from '../common/uuid-param';
import { CreateSubjectDto, SubjectDto, SubjectPageDto, UpdatedSubjectDto, UpdateSubjectDto } from './dto/subject.dto';
import { SubjectsService } from './subjects.service';

@ApiTags('subjects')
@Controller('audits/:auditId/subjects')
export class SubjectsController {
  constructor(private readonly subjects: SubjectsService) {}

  /** The audited apps and systems, in order. */
  @Get()
  list(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Query() query: PageQueryDto,
  ): Promise<SubjectPageDto> {
    return this.subjects.list(auth, auditId, query);
  }

  /** Adds an audited app or system; its responses are created at once. */
  @Post()
  create(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Body() dto: CreateSubjectDto,
  ): Promise<SubjectDto> {
    return this.subjects.create(auth, auditId, dto);
  }

  /**
   * Edits a subject. A new owner becomes the assignee of its open responses that were unassigned
   * or still the previous owner's (done ones, and those assigned to someone else, stay as they are).
   */
  @Patch(':subjectId')
  update(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('subjectId') subjectId: string,
    @Body() dto: UpdateSubjectDto,
  ): Promise<UpdatedSubjectDto> {
    return this.subjects.update(auth, auditId, subjectId, dto);
  }

  /** Deletes a subject when none of its responses holds work. */
  @Delete(':subjectId')
  @HttpCode(204)
  remove(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('subjectId') subjectId: string,
  ): Promise<void> {
    return this.subjects.remove(auth, auditId, subjectId);
  }
}
