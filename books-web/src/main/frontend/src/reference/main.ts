import './reference.css';

/** Redoc's standalone bundle defines this global (added to the page by the redocStandalone plugin). */
declare global {
  interface Window {
    Redoc: {
      init(
        documentUrl: string,
        options: Record<string, unknown>,
        element: HTMLElement,
        callback?: (error?: unknown) => void,
      ): void;
    };
  }
}

const element = document.getElementById('reference');
if (element) {
  window.Redoc.init(
    element.dataset.document ?? '/openapi.json',
    {
      // Search runs in a blob: worker, which the CSP (worker-src falls back to script-src 'self') refuses.
      disableSearch: true,
      expandResponses: '200,201',
      hideHostname: true,
    },
    element,
  );
}
