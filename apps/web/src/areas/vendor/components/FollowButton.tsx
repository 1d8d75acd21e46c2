import { App, Button } from 'antd';
import { StarFilled, StarOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useFollow, useFollowedIds } from '../api';

/** Follow (关注) or unfollow a scenario; the label says what a click does. */
export function FollowButton({ scenarioId, size }: { scenarioId: string; size?: 'small' | 'middle' }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const ids = useFollowedIds();
  const follow = useFollow();
  const following = ids.data?.has(scenarioId) ?? false;
  return (
    <Button
      size={size}
      icon={following ? <StarFilled style={{ color: '#d48806' }} aria-hidden /> : <StarOutlined aria-hidden />}
      loading={ids.isPending || follow.isPending}
      onClick={() =>
        follow.mutate(
          { scenarioId, follow: !following },
          {
            onSuccess: () => void message.success(t(following ? 'vendor.follow.unfollowed' : 'vendor.follow.followed')),
            onError: (e) => void message.error(e.message),
          },
        )
      }
    >
      {following ? t('vendor.follow.unfollow') : t('vendor.follow.follow')}
    </Button>
  );
}
