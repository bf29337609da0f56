import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import type { Navigate } from '../app/history';

interface LinkProps extends AnchorHTMLAttributes<HTMLAnchorElement> {
  readonly to: string;
  readonly navigate: Navigate;
}

/** An ordinary link that navigates in-app on a plain click; ctrl/cmd/middle-click open a tab as usual. */
export function Link({ to, navigate, onClick, ...rest }: LinkProps) {
  function handleClick(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    ) {
      return;
    }
    event.preventDefault();
    navigate(to);
  }
  return <a href={to} onClick={handleClick} {...rest} />;
}
