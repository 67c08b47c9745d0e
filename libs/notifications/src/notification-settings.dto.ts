import { ApiProperty } from '@nestjs/swagger';
import { Trimmed } from '@wian/http';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsOptional,
  IsUrl,
  MaxLength,
  ValidateIf,
} from 'class-validator';

/** An organisation's outbound channels, replaced as a whole. */
export class UpdateNotificationSettingsDto {
  @ApiProperty({ example: true })
  @IsBoolean()
  emailEnabled!: boolean;

  @ApiProperty({ example: ['saraban@sakonnakhon.go.th'], maxItems: 20 })
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique((address: string) => address.toLowerCase())
  @IsEmail({}, { each: true })
  @MaxLength(254, { each: true })
  emailAddresses!: string[];

  @ApiProperty({ example: false })
  @IsBoolean()
  webhookEnabled!: boolean;

  @ApiProperty({
    example: 'https://chat-bridge.example.go.th/wian',
    nullable: true,
    description: 'Where notifications are POSTed, signed (docs/notifications.md)',
  })
  @Trimmed()
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(1000)
  webhookUrl!: string | null;
}
