import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { StaffLink } from './StaffLink';

interface Props {
  title: ReactNode;
  /** A link back up (list page), shown above the title. */
  back?: { to: string; label: string };
  /** Buttons or links beside the title. */
  extra?: ReactNode;
  intro?: ReactNode;
  children: ReactNode;
}

/** The frame of every staff page: one h1 (kept modest in size), an optional way back and actions. */
export function StaffPage({ title, back, extra, intro, children }: Props) {
  return (
    <div>
      {back && (
        <StaffLink to={back.to} style={{ display: 'inline-block', marginBottom: 8 }}>
          <ArrowLeftOutlined aria-hidden /> {back.label}
        </StaffLink>
      )}
      <Flex wrap gap={12} align="center" justify="space-between" style={{ marginBottom: 16 }}>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }} className="wrap-anywhere">
          {title}
        </Typography.Title>
        {extra && (
          <Flex wrap gap={8}>
            {extra}
          </Flex>
        )}
      </Flex>
      {intro && <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph>}
      {children}
    </div>
  );
}
