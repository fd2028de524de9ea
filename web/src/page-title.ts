import { useEffect } from "react";

/** Sets the browser tab's title; screen readers announce it on navigation. */
export function usePageTitle(title: string | null): void {
  useEffect(() => {
    if (title) document.title = `${title} – Fordring`;
  }, [title]);
}
