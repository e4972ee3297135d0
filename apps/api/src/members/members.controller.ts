import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiTags, IntersectionType } from '@nestjs/swagger';
import { Auth, type AuthContext } from '../auth/auth-context';
import { PageQueryDto } from '../common/pagination.dto';
import { UuidParam } from '../common/uuid-param';
import { AddMemberDto, MemberDto, MemberPageDto, MemberQueryDto, UpdateMemberDto } from './dto/member.dto';
import { MembersService } from './members.service';

class MemberListQueryDto extends IntersectionType(MemberQueryDto, PageQueryDto) {}

@ApiTags('members')
@Controller('audits/:auditId/members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  /** The audit's members and their roles. */
  @Get()
  list(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Query() query: MemberListQueryDto,
  ): Promise<MemberPageDto> {
    return this.members.list(auth, auditId, query);
  }

  /** Adds a user to the audit with a role (lead counsel only). */
  @Post()
  add(@Auth() auth: AuthContext, @UuidParam('auditId') auditId: string, @Body() dto: AddMemberDto): Promise<MemberDto> {
    return this.members.add(auth, auditId, dto);
  }

  /** Changes a member's role. */
  @Patch(':userId')
  update(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('userId') userId: string,
    @Body() dto: UpdateMemberDto,
  ): Promise<MemberDto> {
    return this.members.update(auth, auditId, userId, dto);
  }

  /** Removes a member who holds no open work. */
  @Delete(':userId')
  @HttpCode(204)
  remove(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @UuidParam('userId') userId: string,
  ): Promise<void> {
    return this.members.remove(auth, auditId, userId);
  }
}
