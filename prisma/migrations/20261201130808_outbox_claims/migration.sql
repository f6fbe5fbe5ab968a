-- AlterTable
ALTER TABLE "outbox" ADD COLUMN     "claim_token" UUID,
ADD COLUMN     "minted_stamp" TEXT;
