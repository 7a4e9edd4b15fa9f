import { type App, getApps, initializeApp } from "firebase-admin/app";
import { type Auth, getAuth } from "firebase-admin/auth";
import { type Firestore, getFirestore } from "firebase-admin/firestore";
import { getStorage } from "firebase-admin/storage";
import type { Bucket } from "@google-cloud/storage";

/**
 * The Admin SDK, initialised on first use rather than at import, so that
 * loading the functions (deploy analysis, cold starts of routes that need
 * no database) costs nothing. Credentials: Application Default Credentials,
 * or the emulators when FIRESTORE_EMULATOR_HOST and friends are set.
 */
export function adminApp(): App {
  return getApps()[0] ?? initializeApp();
}

export function firestore(): Firestore {
  return getFirestore(adminApp());
}

/** Firebase Auth: the emulator when FIREBASE_AUTH_EMULATOR_HOST is set. */
export function auth(): Auth {
  return getAuth(adminApp());
}

/** The named bucket, or the project's default one when name is empty. */
export function bucket(name: string): Bucket {
  const storage = getStorage(adminApp());
  return name ? storage.bucket(name) : storage.bucket();
}
