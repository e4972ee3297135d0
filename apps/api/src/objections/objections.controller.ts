import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, type AuthContext } from '../auth/auth-context';
import { UuidParam } from '../common/uuid-param';
import { CreateObjectionDto, ObjectionDto, UpdateObjectionDto } from './dto/objection.dto';
import { ObjectionsService } from './objections.service';

@ApiTags('objections')
@Controller('objections')
export class ObjectionsController {
  constructor(private readonly objections: ObjectionsService) {}

  /** The organisation's objection library, by title. */
  @Get()
  list(): Promise<ObjectionDto[]> {
    return this.objections.list();
  }

  /** Adds an objection to the library (counsel). */
  @Post()
  create(@Auth() auth: AuthContext, @Body() dto: CreateObjectionDto): Promise<ObjectionDto> {
    return this.objections.create(auth, dto);
  }

  /** Edits an objection's code, title or standard wording (counsel). */
  @Patch(':objectionId')
  update(
    @Auth() auth: AuthContext,
    @UuidParam('objectionId') objectionId: string,
    @Body() dto: UpdateObjectionDto,
  ): Promise<ObjectionDto> {
    return this.objections.update(auth, objectionId, dto);
  }

  /** Deletes an objection no request raises (counsel); one in use is a 409. */
  @Delete(':objectionId')
  @HttpCode(204)
  remove(@Auth() auth: AuthContext, @UuidParam('objectionId') objectionId: string): Promise<void> {
    return this.objections.remove(auth, objectionId);
  }
}
