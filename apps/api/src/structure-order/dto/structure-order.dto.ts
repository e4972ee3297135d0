import { ArrayMaxSize, ArrayUnique, IsArray, IsUUID } from 'class-validator';
import { ProvisionDto } from '../../provisions/dto/provision.dto';
import { RequestDto } from '../../requests/dto/request.dto';
import { SubjectDto } from '../../subjects/dto/subject.dto';

export class ReorderDto {
  /** Every id of the list, each once, in the new order (first to last). */
  @IsArray()
  @ArrayMaxSize(5000)
  @ArrayUnique({ message: 'ids must not name the same row twice' })
  @IsUUID('all', { each: true })
  ids: string[];
}

export class ProvisionListDto {
  items: ProvisionDto[];
}

export class SubjectListDto {
  items: SubjectDto[];
}

export class RequestListDto {
  items: RequestDto[];
}
