import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, type AuthContext } from '../auth/auth-context';
import { PageQueryDto } from '../common/pagination.dto';
import { UuidParam } from '../common/uuid-param';
import { CommentsService } from './comments.service';
import { CommentDto, CommentPageDto, CreateCommentDto } from './dto/comment.dto';
import { BulkStaffingDto, BulkStaffingResultDto } from './dto/bulk-staffing.dto';
import { ResponseDetailDto, ResponsePageDto, ResponseQueryDto, UpdateResponseDto } from './dto/response.dto';
import { ResponsesService } from './responses.service';
import { BulkStaffingService } from './bulk-staffing.service';

@ApiTags('responses')
@Controller('audits/:auditId/responses')
export class ResponsesController {
  constructor(
    private readonly responses: ResponsesService,
    private readonly comments: CommentsService,
    private readonly staffing: BulkStaffingService,
  ) {}

  /** The subject x request grid, filterable by subject, request, status, assignee and overdue. */
  @Get()
  list(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Query() query: ResponseQueryDto,
  ): Promise<ResponsePageDto> {
    return this.responses.list(auth, auditId, query);
  }

  /**
   * Staffs many cells at once (counsel): assignee, reviewer, internal due date (a day, or a
   * number of business days before the deadline) or not applicable. Each item carries the
   * version it was read at; a cell changed since, or one the rules refuse, is listed in
   * `refused` with its reason and left alone, the others are applied in one transaction.
   */
  @Patch()
  staff(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Body() dto: BulkStaffingDto,
  ): Promise<BulkStaffingResultDto> {
    return this.staffing.apply(auth, auditId, dto);
  }

  /** One response with its answer, staff, status and the reason for its status. */
  @Get(':responseId')
  get(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('responseId') responseId: string,
  ): Promise<ResponseDetailDto> {
    return this.responses.get(auth, auditId, responseId);
  }

  /**
   * Edits the answer, status, assignee, reviewer or due date. Send the `version` you read;
   * a stale one gets 409 VERSION_CONFLICT and nothing is overwritten.
   */
  @Patch(':responseId')
  update(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('responseId') responseId: string,
    @Body() dto: UpdateResponseDto,
  ): Promise<ResponseDetailDto> {
    return this.responses.update(auth, auditId, responseId, dto);
  }

  /** The comments on a response, oldest first. */
  @Get(':responseId/comments')
  listComments(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('responseId') responseId: string,
    @Query() query: PageQueryDto,
  ): Promise<CommentPageDto> {
    return this.comments.list(auth, auditId, responseId, query);
  }

  /** Comments on a response. */
  @Post(':responseId/comments')
  addComment(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('responseId') responseId: string,
    @Body() dto: CreateCommentDto,
  ): Promise<CommentDto> {
    return this.comments.create(auth, auditId, responseId, dto);
  }
}
