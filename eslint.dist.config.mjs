// The community-package scanner also lints every .js file of the published tarball. This runs the same
// community rule set over the compiled dist/ (after `npm run build`), inline disables ignored.
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';

export default [{ files: ['dist/**/*.js'], ...n8nCommunityNodesPlugin.configs.recommended, linterOptions: { noInlineConfig: true } }];
