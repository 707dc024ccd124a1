/** Words of the public site: the home page, the dimensions, partners, news, the privacy notice and the contact form. */
export const siteEn = {
  home: {
    title: 'Know which connected products deserve your trust',
    lead: 'Most smart devices are black boxes: you cannot see what they collect, who gets it, or how long they will keep working. Trustmark is a free mark for makers who do it right, and who are willing to show it.',
    applyCta: 'Apply for your product',
    dimensionsCta: 'See what we check',
    whatTitle: 'What the mark means',
    whatBody:
      'A product with the mark has been documented by its maker against five dimensions — privacy and data practices, transparency, security, stability and openness — and that documentation has been checked by independent experts.',
    whoTitle: 'Who it is for',
    whoBody:
      'For companies of any size, from a two-person startup to a global brand, that already treat their users with respect and want a credible way to prove it. And for everyone choosing a device, who deserves better information than a marketing claim.',
    howTitle: 'How it works',
    steps: [
      {
        title: 'Self-assessment',
        body: 'The company answers a questionnaire on the five dimensions, explaining each answer and linking its evidence. Teams can work on it together.',
      },
      {
        title: 'Expert review',
        body: 'Reviewers from our expert network check that the answers are complete, consistent and credible, and ask follow-up questions where they are not.',
      },
      {
        title: 'Published only if successful',
        body: 'Nothing about an application is public while it is under review or if it does not succeed. Certified products are listed with their full self-assessment.',
      },
      {
        title: 'Free of charge',
        body: 'Applying, review and the mark cost nothing. For a company that has done the work, documenting it should be quick.',
      },
    ],
    notTitle: 'What the mark is not',
    notBody:
      'Trustmark is not a legal certification, a laboratory test or an audit of source code or hardware. It is a careful, public review of what a company states about its product, backed by a way to report problems and withdraw the mark.',
    latestNews: 'Latest news',
    allNews: 'All news',
  },
  dimensions: {
    title: 'The five dimensions',
    lead: 'Every product is assessed along the same five dimensions. The first four are required. Openness is not required, but a largely open product earns the benefit of the doubt.',
    required: 'Required',
    encouraged: 'Encouraged, not required',
    guidingQuestion: 'Guiding question',
    items: {
      privacy: {
        name: 'Privacy & data practices',
        question:
          'Is the product designed with state-of-the-art data practices that respect the rights of its users?',
        body: 'We look at which personal data the product collects and why, where it is stored, who can access it, whether people can export and delete it, and whether the product asks before it collects anything it does not need.',
      },
      transparency: {
        name: 'Transparency',
        question: 'Is it clear to users what the device does and how their data may be used?',
        body: 'We look for plain-language information before and after purchase: which sensors the device has, what it sends where, how long the maker promises updates, and how requests for one’s own data are handled.',
      },
      security: {
        name: 'Security',
        question:
          'Is the product designed and built with state-of-the-art security practices and safeguards?',
        body: 'We look for the baseline every connected product should meet: no universal default passwords, a way to report vulnerabilities, secure and signed updates, encrypted communication and a minimal attack surface.',
      },
      stability: {
        name: 'Stability',
        question: 'How robust is the product, and how long a life can a buyer reasonably expect?',
        body: 'We look at the promised support period and its end date, what keeps working offline, and what happens if the maker is acquired, closes down or stops maintaining the product.',
      },
      openness: {
        name: 'Openness',
        question: 'How open are the product and the maker’s processes? Does it use or produce open data?',
        body: 'We look at open standards and interfaces, published source code or a software bill of materials, contributions to open source, and open data the product uses or generates.',
      },
    },
  },
  partners: {
    title: 'Partners',
    lead: 'Trustmark is run with organisations from research, policy and design practice who share the goal of trustworthy connected technology.',
    empty: 'No partners are listed yet.',
    visit: (name: string) => `Visit ${name} (opens their website)`,
    kinds: {
      academia: 'Research',
      policy: 'Policy',
      design: 'Design practice',
      'civil-society': 'Civil society',
    } as Record<string, string>,
  },
  news: {
    title: 'News',
    lead: 'Updates from the program: new criteria, review rounds, lessons learned.',
    empty: 'No news yet.',
    readMore: (title: string) => `Read “${title}”`,
    published: 'Published',
    back: 'All news',
    feed: 'Subscribe to the Atom feed',
  },
  contact: {
    title: 'Contact',
    lead: 'Questions about the mark, an application or a certified product? Write to us; a person reads every message.',
    name: 'Your name',
    email: 'Your email address',
    emailHint: 'We use it only to answer you.',
    message: 'Your message',
    honeypot: 'Leave this field empty',
    send: 'Send message',
    sentTitle: 'Thank you',
    sentBody: 'Your message is on its way. We usually answer within a few working days.',
    tooFast: 'That was very fast. Please check your message and send it again.',
    expired: 'This form was open for a long time. Please send it again.',
    mailFailed: 'Your message could not be sent just now. Nothing was lost: please try again in a moment.',
    mailSubject: (name: string) => `Contact form: message from ${name}`,
  },
  privacy: {
    title: 'Privacy notice',
    lead: 'This notice covers the Trustmark platform itself. We hold ourselves to the standard we ask of certified products.',
    sections: [
      {
        heading: 'Visitors',
        body: 'Reading the public pages sets no cookie and loads nothing from other sites: no analytics, no trackers, no external fonts or scripts. Our server keeps a technical log of requests (time, address requested, status) for security and operation, for at most 14 days.',
      },
      {
        heading: 'Accounts',
        body: 'To apply you create an account with your name, email address and a password. We store the password only as a salted, slow hash. A session cookie keeps you signed in; it is set only when you sign in and is strictly necessary. Reviewers and administrators must also use a second factor.',
      },
      {
        heading: 'Companies and applications',
        body: 'Company details, team members and everything in an application are visible only to that company’s members, the reviewers assigned to it and the program’s administrators. An application is published only if the product is certified; anything else is never made public.',
      },
      {
        heading: 'Contact form',
        body: 'A message sent through the contact form is forwarded by email to the program team and is not stored on the platform.',
      },
      {
        heading: 'Concerns about certified products',
        body: 'A concern is stored with the email address you give, which we use only to confirm the concern and to tell you the outcome. It is shown to the program’s administrators and, if they open a re-review, its text (never your address) to the reviewers asked to look at the product again; it is never published; the product page shows only how many concerns were upheld or rejected and the administrators’ note. A concern that is not confirmed within 48 hours is deleted.',
      },
      {
        heading: 'Email',
        body: 'We send email only for what you asked for or need: verifying your address, resetting a password, invitations to a company and the steps of your application.',
      },
      {
        heading: 'Your rights',
        body: 'On your account page you can download everything the platform holds about you as a JSON file, and delete your account. Deleting it removes your name, email address, password, sessions, two-factor settings, memberships and mail settings; answers and messages you wrote stay with your company’s applications, marked as from a deleted account, and the audit log keeps an anonymous reference. A company’s owner must first hand the company to another member, or close it, which deletes its products and applications and ends its certifications. For anything else — a correction, a question — write to us through the contact page. You also have the right to complain to a data protection authority.',
      },
    ],
    retentionHeading: 'How long we keep applications',
    retention: (days: number) =>
      `An application that does not lead to a certification (not certified, or withdrawn) is never published, and it is deleted with its answers and documents ${days} days after it ended, unless the company chooses on the application page to keep it. A certified application stays, because its published record is part of the public registry.`,
  },
};

export type SiteMessages = typeof siteEn;
