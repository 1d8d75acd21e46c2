import { ApiProperty } from '@nestjs/swagger';
import { ScenarioView } from './scenario.views';

export class FollowStateView {
  @ApiProperty() following: boolean;
}

export class FollowedScenarioView extends ScenarioView {
  @ApiProperty() followedAt: string;
}

export class FollowedScenarioPageView {
  @ApiProperty({ type: [FollowedScenarioView] }) items: FollowedScenarioView[];
  @ApiProperty({ nullable: true }) nextCursor: string | null;
}
