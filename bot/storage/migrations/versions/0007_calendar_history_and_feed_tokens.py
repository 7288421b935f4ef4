"""calendar history and feed tokens

Revision ID: 0007
Revises: 0006
"""

import secrets
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import bot.storage.models

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "cancelled_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("start_utc", bot.storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("end_utc", bot.storage.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("timezone", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("end_timezone", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("venue", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("address", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("attendees", sa.JSON(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("created_at", bot.storage.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("cancelled_at", bot.storage.models.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("cancelled_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cancelled_event_key"), ["key"], unique=True)

    op.create_table(
        "calendar_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("digest", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("token", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_at", bot.storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", bot.storage.models.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("calendar_token", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_calendar_token_digest"), ["digest"], unique=True)

    with op.batch_alter_table("delegation", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("calendar_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True)
        )

    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("sequence", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("created_at", bot.storage.models.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("modified_at", bot.storage.models.UTCDateTime(timezone=True), nullable=True)
        )

    # A delegation stored before this revision gets its calendar id now, once.
    op.execute(
        sa.text("UPDATE delegation SET calendar_id = :id WHERE calendar_id IS NULL").bindparams(
            id=secrets.token_hex(8)
        )
    )


def downgrade() -> None:
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_column("modified_at")
        batch_op.drop_column("created_at")
        batch_op.drop_column("sequence")

    with op.batch_alter_table("delegation", schema=None) as batch_op:
        batch_op.drop_column("calendar_id")

    with op.batch_alter_table("calendar_token", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_calendar_token_digest"))

    op.drop_table("calendar_token")
    with op.batch_alter_table("cancelled_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cancelled_event_key"))

    op.drop_table("cancelled_event")
