from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from db.enums import Department
from db.models.base import Base, Timestamped, Versioned, enum_column


class Person(Versioned, Timestamped, Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    department: Mapped[Department] = mapped_column(enum_column(Department))
    email: Mapped[str] = mapped_column(String(254), default="")
    active: Mapped[bool] = mapped_column(default=True)

    def describe(self) -> str:
        return self.name
