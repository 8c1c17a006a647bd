import type { PortalMessages } from './portal.vi.ts';

export const portalEn: PortalMessages = {
  portal: {
    identity: 'Online public services',
    menu: 'Menu',
    help: {
      title: 'Need help?',
      hotline: 'Hotline:',
      phone: 'Phone:',
    },
    upload: {
      camera: 'Take a photo',
      choose: 'Choose a file',
      progress: '{{percent}}% uploaded',
      wrongType: 'The file “{{file}}” is not a PDF, JPEG or PNG. Take the photo again or choose another file.',
      tooLarge: 'The file “{{file}}” is {{size}}, more than 10 MB. Take the photo at a lower quality or choose another file.',
    },
    documents: {
      optional: 'Optional',
    },
    date: {
      format: 'Enter day/month/year, for example 25/11/2026.',
      placeholder: 'dd/mm/yyyy',
      calendar: 'Pick the date on a calendar',
      noSuchDay: 'There is no {{day}}/{{month}}/{{year}}: month {{month}} of {{year}} has only {{lastDay}} days.',
      noSuchMonth: 'There is no month {{month}}: the month must be from 1 to 12.',
      incomplete: '“{{text}}” is not a whole date: enter day/month/year, for example 25/11/2026.',
    },
    prefill: {
      lockedShort: 'from the database, cannot be changed here',
      lockedHow:
        'The items marked with a padlock cannot be changed here. If something is wrong, ask the commune police where you live to correct it in the National Population Database, then apply again.',
    },
    review: {
      expandAll: 'Open all',
      fieldsCount: '{{count}} items',
      documentsAttached: 'attached: {{count}}',
      documentsMissing: 'required but missing: {{count}}',
      details: 'Your answers',
    },
    howTo: {
      title: 'How to',
      form: 'Check the information filled in for you and complete the empty items. The draft is saved as you go: you can stop and continue later.',
      documents:
        'For each document, press “Take a photo” to photograph it with your phone (flat, well lit, straight and readable) or “Choose a file” for a photo or PDF you already have.',
      contact: 'The phone number is used to tell you about the result and to reach you if something is missing. Choose how you want to receive the result.',
      review: 'Check each group (press its name to open it), change what is needed, then press “Submit”. You will get an application code to track it.',
    },
    receipt: {
      print: 'Print the receipt',
    },
    english: {
      viOnly: 'Some content of this procedure (names, forms, documents) is available only in Vietnamese.',
      viOnlyAll: "This procedure's content is available in Vietnamese only.",
    },
    dossier: {
      nextStep: 'Next step',
      submitted: 'What you submitted',
      submittedDocuments: 'Documents submitted',
      noDocuments: 'No documents attached.',
      withdrawSection: 'Withdraw the application',
      next: {
        '1': 'A receiving officer checks your application during working hours and tells you when it is received.',
        '2': 'Your application has been received and is on its way to the handling department. Nothing more to do.',
        '3': 'Your application was not received: see why in the progress below. You can apply again once the conditions are met.',
        '4': 'Your application is being handled. You will be told when the result is ready or if something is missing.',
        '5': 'The office asks for more documents: send them in the section below so that the handling continues.',
        '6': 'Please pay the fees in the payment section below so that the handling continues.',
        '7': 'The office is considering your request to withdraw the application.',
        '8': 'The handling has stopped: see why in the progress below.',
        '9': 'The result is ready: download the electronic result below, or collect it where you chose.',
        '10': 'You have received the result. Please rate the service to help the office serve better.',
      },
    },
    fee: {
      freeWhen: 'Free if {{condition}}',
      freeInSomeCases: 'Free in some cases',
    },
  },
};
