import { describe, expect, it } from 'vitest';
import { associatedTokenAddress } from './ata';

describe('associatedTokenAddress', () => {
  it('matches addresses published by @solana/spl-token and Solana.Swift', () => {
    expect(
      associatedTokenAddress(
        '5waJka9MrCgPFoLo3SQSjLDTGnkoDcwYYPnpk4YNJS6i',
        '4zMMC9srt5Ri5X14GAgXhaHii3GnPAEERYPJgZJDncDU',
      ),
    ).toBe('HmBpVD6N1vuGvQpS8KrwWH6Tr8rSwXQBEDKn5VXW6yyw');
    expect(
      associatedTokenAddress(
        '3h1zGmCwsRJnVk5BuRNMLsPaQu1y2aqXqXDWYCgrp5UG',
        'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v',
      ),
    ).toBe('3uetDDizgTtadDHZzyy9BqxrjQcozMEkxzbKhfZF4tG3');
  });
});
