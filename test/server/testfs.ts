import { AppError } from './errors';
import type { State } from './state';
import type { FileRecord, UserRecord } from './types';
import { pathSegments } from './uri';

/** File-tree helpers for tests (`server.fs`): paths are '/a/b.txt' inside the user's `my` filesystem. */
export class TestFs {
	constructor(private readonly state: State) {}

	private user(email: string): UserRecord {
		const u = this.state.userByEmail(email);
		if (!u) throw new Error(`unknown user ${email}`);
		return u;
	}

	/** Creates or overwrites a file (a new version), creating parent folders. */
	put(email: string, path: string, content: Buffer | string): FileRecord {
		const user = this.user(email);
		const segs = pathSegments(path);
		if (!segs.length) throw new Error('cannot put the root');
		const parent = this.state.mkdirp(user, segs.slice(0, -1));
		const name = segs[segs.length - 1];
		let file = this.state.child(parent.id, name);
		if (file && file.type !== 0) throw new Error(`${path} is a folder`);
		file ??= this.state.insertFile({ ownerId: user.id, type: 0, name, parentId: parent.id });
		const blob = this.state.blobs.writeBuffer(content);
		this.state.addVersion(file, blob, user.id, this.state.policyOf(user).id);
		return file;
	}

	mkdir(email: string, path: string): FileRecord {
		return this.state.mkdirp(this.user(email), pathSegments(path));
	}

	get(email: string, path: string): FileRecord | undefined {
		const user = this.user(email);
		return this.state.resolve(user.myRootId, pathSegments(path));
	}

	list(email: string, path: string): FileRecord[] {
		const f = this.get(email, path);
		if (!f || f.type !== 1) return [];
		return this.state.children(f.id).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	}

	/** Items in the user's trash. */
	trash(email: string): FileRecord[] {
		return this.state.children(this.user(email).trashRootId);
	}

	read(email: string, path: string): Buffer {
		const f = this.get(email, path);
		if (!f || f.type !== 0) throw new AppError(40016, `no file ${path}`);
		return this.state.readContent(f);
	}
}
