import type { Provision } from '@app/db';
import type { ProvisionDto } from './dto/provision.dto';

export const mapProvision = (p: Provision): ProvisionDto => ({
  id: p.id,
  reference: p.reference,
  title: p.title,
  text: p.text,
});
