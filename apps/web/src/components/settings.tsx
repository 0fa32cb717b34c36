'use client';

import { createContext, useContext } from 'react';

/** Runtime settings the server layout hands to the browser (read at start, not at build). */
export interface ClientSettings {
  apiUrl: string;
  devTools: boolean;
}

const SettingsContext = createContext<ClientSettings>({ apiUrl: '', devTools: false });
export const SettingsProvider = SettingsContext.Provider;
export const useSettings = () => useContext(SettingsContext);
