import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth-context';
import { DemoLoginsDto } from './dto/demo.dto';
import { DemoService } from './demo.service';

@ApiTags('demo')
@Controller('demo')
export class DemoController {
  constructor(private readonly demo: DemoService) {}

  /** The demo users and their password, for the login page; 404 unless DEMO_MODE is on. */
  @Public()
  @Get('logins')
  logins(): Promise<DemoLoginsDto> {
    return this.demo.logins();
  }
}
