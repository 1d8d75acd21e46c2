import { ApiProperty } from '@nestjs/swagger';
import type { ScenarioQuestionEntity } from './scenario-question.entity';

/** A question as everybody sees it: never who asked. */
export class PublicQuestionView {
  @ApiProperty() id: string;
  @ApiProperty() question: string;
  @ApiProperty({ nullable: true }) answer: string | null;
  @ApiProperty() askedAt: string;
  @ApiProperty({ nullable: true }) answeredAt: string | null;

  static of(
    q: Pick<ScenarioQuestionEntity, 'id' | 'question' | 'answer' | 'askedAt' | 'answeredAt'>,
  ): PublicQuestionView {
    return {
      id: q.id,
      question: q.question,
      answer: q.answer,
      askedAt: q.askedAt.toISOString(),
      answeredAt: q.answeredAt?.toISOString() ?? null,
    };
  }
}

/** A question as a logged-in caller sees it; `mine` tells the asker their own (and nobody else anything). */
export class QuestionView extends PublicQuestionView {
  @ApiProperty({ description: 'True only for the user who asked; who asked is never shown' }) mine: boolean;

  static forCaller(q: ScenarioQuestionEntity, userId: string): QuestionView {
    return { ...PublicQuestionView.of(q), mine: q.askedByUserId === userId };
  }
}
