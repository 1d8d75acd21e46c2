import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString } from 'class-validator';
import { trimString, MaxChars } from '@app/common';

/** Longest question or answer, in characters (also a database check). */
export const CLARIFICATION_TEXT_MAX = 2000;

export class AskQuestionDto {
  @ApiProperty({ example: '历史瑕疵图像是否包含多种面料类型？能否提前获取样例？', maxLength: CLARIFICATION_TEXT_MAX })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(CLARIFICATION_TEXT_MAX)
  question: string;
}

export class AnswerQuestionDto {
  @ApiProperty({ example: '包含棉、涤纶及混纺三类面料，可在试验场内查看样例。', maxLength: CLARIFICATION_TEXT_MAX })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(CLARIFICATION_TEXT_MAX)
  answer: string;
}
