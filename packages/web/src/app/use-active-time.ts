// Feeds the active-time count (lib/active-time) with what the browser sees: keys, clicks,
// scrolls and the tab being hidden or shown. The count lives in a ref: reading it never
// re-renders, and an event never waits for React.

import { useEffect, useMemo, useRef } from 'react';
import {
  activeMsAt,
  recordInput,
  recordVisibility,
  restartActiveTime,
  startActiveTime,
} from '../lib/active-time';

const INPUT_EVENTS = ['keydown', 'pointerdown', 'wheel', 'scroll'] as const;

export function useActiveTime() {
  const time = useRef(startActiveTime(performance.now(), document.visibilityState === 'visible'));

  useEffect(() => {
    const onInput = () => {
      time.current = recordInput(time.current, performance.now());
    };
    const onVisibility = () => {
      time.current = recordVisibility(
        time.current,
        document.visibilityState === 'visible',
        performance.now(),
      );
    };
    for (const type of INPUT_EVENTS)
      window.addEventListener(type, onInput, { capture: true, passive: true });
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      for (const type of INPUT_EVENTS) window.removeEventListener(type, onInput, { capture: true });
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, []);

  // One stable object: callers list it in their effects' dependencies.
  return useMemo(
    () => ({
      /** Active milliseconds on the current item so far. */
      read: () => activeMsAt(time.current, performance.now()),
      /** Starts the count of the next item from zero. */
      restart: () => {
        time.current = restartActiveTime(time.current, performance.now());
      },
    }),
    [],
  );
}
