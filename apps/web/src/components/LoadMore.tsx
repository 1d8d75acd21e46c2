import { Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';

/** What the button needs of a TanStack infinite query. */
export interface PagedQuery {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/** “更多” under a keyset-paged list: fetches the next page; nothing once the last page is in. */
export function LoadMore({ query, center = false }: { query: PagedQuery; center?: boolean }) {
  const { t } = useTranslation();
  if (!query.hasNextPage) return null;
  return (
    <Flex justify={center ? 'center' : 'flex-start'} style={{ marginTop: center ? 16 : 12 }}>
      <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
        {t('common.action.more')}
      </Button>
    </Flex>
  );
}
