import { Body, Controller, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, type AuthContext } from '../auth/auth-context';
import { UuidParam } from '../common/uuid-param';
import { ProvisionListDto, ReorderDto, RequestListDto, SubjectListDto } from './dto/structure-order.dto';
import { StructureOrderService } from './structure-order.service';

@ApiTags('structure order')
@Controller('audits/:auditId')
export class StructureOrderController {
  constructor(private readonly order: StructureOrderService) {}

  /** Puts every provision in the given order at once (counsel); 409 unless `ids` is exactly the current list. */
  @Put('provisions/order')
  provisions(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Body() dto: ReorderDto,
  ): Promise<ProvisionListDto> {
    return this.order.provisions(auth, auditId, dto.ids);
  }

  /** Puts every subject (row of the grid) in the given order at once (counsel); 409 unless `ids` is exactly the current list. */
  @Put('subjects/order')
  subjects(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Body() dto: ReorderDto,
  ): Promise<SubjectListDto> {
    return this.order.subjects(auth, auditId, dto.ids);
  }

  /**
   * Puts every request in the given order at once (counsel): the numbers in use stay, the
   * requests move between them. 409 unless `ids` is exactly the current list.
   */
  @Put('requests/order')
  requests(
    @Auth() auth: AuthContext,
    @UuidParam('auditId') auditId: string,
    @Body() dto: ReorderDto,
  ): Promise<RequestListDto> {
    return this.order.requests(auth, auditId, dto.ids);
  }
}
