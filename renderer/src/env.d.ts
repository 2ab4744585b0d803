// Vite bundles plain CSS files imported for their side effects (the strict CSP forbids injected <style> tags).
declare module '*.css';
