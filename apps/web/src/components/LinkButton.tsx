import type { ComponentProps, MouseEvent } from 'react';
import { Button } from 'antd';
import { useNavigate } from 'react-router';

/** A link that looks like a button (a real `<a href>`, so it opens in a new tab too), navigating in the app. */
export function LinkButton({ to, ...props }: { to: string } & Omit<ComponentProps<typeof Button>, 'href'>) {
  const navigate = useNavigate();
  return (
    <Button
      {...props}
      href={to}
      onClick={(e: MouseEvent<HTMLElement>) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0) return;
        e.preventDefault();
        navigate(to);
      }}
    />
  );
}
