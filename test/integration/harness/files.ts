// Shared bits of the file operation tests (test/integration/file-*.test.ts): one node, a demo credential, and
// short ways to run an operation and to catch its error.
import type { INodeExecutionData } from 'n8n-workflow';

import type { TestServer } from '../../server';
import { node, storeFor } from './common';
import { CredentialStore, runNode } from './context';

export { byId, byPath, byUri, errorOf, items, node, type CaughtError } from './common';

/** The demo admin's credential (or another account's). */
export const demoStore = storeFor;

export interface FileRun {
	(parameters: Record<string, unknown>, options?: { items?: INodeExecutionData[]; continueOnFail?: boolean; store?: CredentialStore }): Promise<INodeExecutionData[]>;
}

/** Runs the Cloudreve node with `resource: 'file'` (unless given) and returns the first output. */
export function fileRunner(srv: () => TestServer, store?: () => CredentialStore): FileRun {
	return async (parameters, options = {}) => {
		const [out] = await runNode(node, {
			parameters: { resource: 'file', ...parameters },
			store: options.store ?? store?.() ?? demoStore(srv()),
			items: options.items,
			continueOnFail: options.continueOnFail,
		});
		return out;
	};
}

/** Names that must survive every operation unchanged. */
export const TRICKY_NAMES = ['a b.txt', 'hash#tag.txt', 'literal %3F escape.md', '100%.csv', 'plus+sign.txt', 'emoji 🎉.txt', '中文 文件.txt', "quote's (1).txt", 'amp&eq=.txt'];
