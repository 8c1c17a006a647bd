import type { Messages } from './vi.ts';

export const en: Messages = {
  app: { name: 'MotCua public services', skipToContent: 'Skip to main content', language: 'Language', footer: 'Administrative procedure information system' },
  nav: { home: 'Home', procedures: 'Administrative procedures', login: 'Log in', logout: 'Log out' },
  home: { title: 'Online public services', lead: 'Find a procedure, apply online and follow your dossier.' },
  notFound: { title: 'Page not found', back: 'Back to home' },
};
