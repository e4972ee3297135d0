import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { AppConfig } from '@app/config';
import { PrismaService } from '@app/db';
import { createProbeConnection } from './redis-connection';

@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly prisma: PrismaService,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async check(key = 'database') {
    const result = this.indicator.check(key);
    try {
      await this.prisma.$queryRaw`SELECT 1`;
      return result.up();
    } catch (error) {
      return result.down({ message: (error as Error).message });
    }
  }
}

@Injectable()
export class RedisHealthIndicator implements OnModuleDestroy {
  private readonly redis;

  constructor(
    config: AppConfig,
    private readonly indicator: HealthIndicatorService,
  ) {
    this.redis = createProbeConnection(config.REDIS_URL);
    // Errors surface through check(); without a listener ioredis would log each reconnect.
    this.redis.on('error', () => undefined);
  }

  async check(key = 'redis') {
    const result = this.indicator.check(key);
    try {
      if (this.redis.status === 'wait' || this.redis.status === 'end') await this.redis.connect();
      await this.redis.ping();
      return result.up();
    } catch (error) {
      return result.down({ message: (error as Error).message });
    }
  }

  onModuleDestroy() {
    this.redis.disconnect();
  }
}
