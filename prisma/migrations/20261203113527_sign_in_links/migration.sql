-- CreateEnum
CREATE TYPE "SignInMethod" AS ENUM ('email_link', 'invitation_link', 'reminder_link', 'api_token');

-- CreateEnum
CREATE TYPE "SignInLinkPurpose" AS ENUM ('email', 'invitation', 'reminder');

-- Sessions opened before sign-in links have no method nor role snapshot: they end (sign in again).
DELETE FROM "Session";

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "apiTokenId" TEXT,
ADD COLUMN     "enterpriseId" TEXT,
ADD COLUMN     "method" "SignInMethod" NOT NULL,
ADD COLUMN     "role" "Role" NOT NULL,
ADD COLUMN     "unitId" TEXT;

-- CreateTable
CREATE TABLE "SignInLink" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "purpose" "SignInLinkPurpose" NOT NULL,
    "target" TEXT NOT NULL,
    "reminderKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "SignInLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInAttempt" (
    "id" TEXT NOT NULL,
    "bucket" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SignInAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SignInLink_tokenHash_key" ON "SignInLink"("tokenHash");

-- CreateIndex
CREATE INDEX "SignInLink_userId_idx" ON "SignInLink"("userId");

-- CreateIndex
CREATE INDEX "SignInLink_reminderKey_idx" ON "SignInLink"("reminderKey");

-- CreateIndex
CREATE INDEX "SignInLink_expiresAt_idx" ON "SignInLink"("expiresAt");

-- CreateIndex
CREATE INDEX "SignInAttempt_bucket_at_idx" ON "SignInAttempt"("bucket", "at");

-- CreateIndex
CREATE INDEX "SignInAttempt_at_idx" ON "SignInAttempt"("at");

-- CreateIndex
CREATE INDEX "Session_apiTokenId_idx" ON "Session"("apiTokenId");

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_apiTokenId_fkey" FOREIGN KEY ("apiTokenId") REFERENCES "ApiToken"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SignInLink" ADD CONSTRAINT "SignInLink_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

