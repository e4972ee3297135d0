/** A user as other records point to them. */
export class UserRefDto {
  id: string;
  name: string;
}
