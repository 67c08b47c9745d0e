// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/**
 * Libraries depend downwards only:
 *   thai (conventions) → config → persistence, queue, http (platform) → jobs (outbox, queues)
 *     → hierarchy, audit → identity → calendar → notifications → registers → circulation
 *     (features)
 *     → app-core (composition) → apps
 * Each entry lists what a folder may NOT import. Libraries are imported by their public
 * name (@wian/x), never by a path into another library.
 */
const PLATFORM = ['@wian/persistence', '@wian/queue', '@wian/http'];
const FEATURES = [
  '@wian/hierarchy',
  '@wian/audit',
  '@wian/identity',
  '@wian/calendar',
  '@wian/notifications',
  '@wian/registers',
  '@wian/circulation',
];
const LAYERS = {
  'libs/thai': ['@wian/*'],
  'libs/config': [...PLATFORM, '@wian/jobs', ...FEATURES, '@wian/app-core'],
  'libs/persistence': ['@wian/queue', '@wian/http', '@wian/jobs', ...FEATURES, '@wian/app-core'],
  'libs/queue': ['@wian/persistence', '@wian/http', '@wian/jobs', ...FEATURES, '@wian/app-core'],
  'libs/http': ['@wian/persistence', '@wian/queue', '@wian/jobs', ...FEATURES, '@wian/app-core'],
  'libs/jobs': ['@wian/http', ...FEATURES, '@wian/app-core'],
  'libs/hierarchy': [
    '@wian/audit',
    '@wian/identity',
    '@wian/calendar',
    '@wian/notifications',
    '@wian/registers',
    '@wian/circulation',
    '@wian/app-core',
  ],
  'libs/audit': [
    '@wian/hierarchy',
    '@wian/identity',
    '@wian/calendar',
    '@wian/notifications',
    '@wian/registers',
    '@wian/circulation',
    '@wian/queue',
    '@wian/app-core',
  ],
  'libs/identity': [
    '@wian/calendar',
    '@wian/notifications',
    '@wian/registers',
    '@wian/circulation',
    '@wian/app-core',
  ],
  'libs/calendar': [
    '@wian/queue',
    '@wian/jobs',
    '@wian/hierarchy',
    '@wian/notifications',
    '@wian/registers',
    '@wian/circulation',
    '@wian/app-core',
  ],
  'libs/notifications': ['@wian/registers', '@wian/circulation', '@wian/app-core'],
  'libs/registers': ['@wian/circulation', '@wian/app-core'],
  'libs/circulation': ['@wian/app-core'],
  'libs/app-core': [],
};

const noDeepImports = {
  group: ['@wian/*/*', '**/libs/**', '../../libs/**', '**/apps/**'],
  message: 'Import a library by its public name (@wian/x); apps are never imported.',
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'data/**',
      'coverage/**',
      '**/*.js',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-extraneous-class': 'off', // Nest modules are empty classes
      // DTO and view classes are filled from plain objects by design (class-transformer, Nest).
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: [noDeepImports] }],
    },
  },
  ...Object.entries(LAYERS).map(([folder, forbidden]) => ({
    files: [`${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noDeepImports,
            ...(forbidden.length > 0
              ? [
                  {
                    group: forbidden,
                    message: `${folder} sits below these libraries and must not import them.`,
                  },
                ]
              : []),
          ],
        },
      ],
    },
  })),
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  prettier,
);
