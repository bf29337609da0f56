/** Short customer messages for the demo project (written for Concord; no external source). */
export const DEMO_MESSAGES: readonly {
  text: string;
  gold?: 'positive' | 'neutral' | 'negative';
  qualification?: boolean;
}[] = [
  {
    text: 'The replacement arrived a day early and works perfectly. Thank you!',
    gold: 'positive',
    qualification: true,
  },
  {
    text: 'I was charged twice for the same order and nobody answers my emails.',
    gold: 'negative',
    qualification: true,
  },
  {
    text: 'Can I change the delivery address after the order has shipped?',
    gold: 'neutral',
    qualification: true,
  },
  { text: 'Great, another update that logs me out every five minutes.', gold: 'negative' },
  { text: 'Your support agent Priya was patient and fixed it in ten minutes.', gold: 'positive' },
  { text: 'What are your opening hours on public holidays?', gold: 'neutral' },
  { text: 'Love the new dark mode, much easier on the eyes.' },
  { text: 'The app crashes whenever I open the settings page.' },
  { text: 'Do you ship to Norway?' },
  { text: 'Still waiting for my refund after three weeks.' },
  { text: 'Honestly the best customer service I have had this year.' },
  { text: 'The invoice shows the wrong VAT number.' },
  { text: 'Fine, I guess. It does what it says.' },
  { text: 'How do I export my data before closing the account?' },
  { text: 'Thanks for nothing. Cancelling my subscription today.' },
  { text: 'The package was fine but the box was a bit dented.' },
  { text: 'Wow, two hours on hold. Impressive.' },
  { text: 'Is there a student discount?' },
  { text: 'Setup took two minutes, really smooth.' },
  { text: 'I would like to speak to a manager about my last order.' },
  { text: 'The colour is slightly different from the photos, but I like it.' },
  { text: 'Password reset emails never arrive.' },
  { text: 'Please add an option to pay by bank transfer.' },
  { text: 'Five stars, will order again.' },
  { text: 'My order number is 44812, where is it?' },
  { text: 'The new pricing is confusing and more expensive for small teams.' },
  { text: 'Quick question: does the warranty cover water damage?' },
  { text: 'Not bad, not great.' },
  { text: 'You fixed the sync bug, thank you so much!' },
  { text: 'The courier left the parcel in the rain.' },
];
