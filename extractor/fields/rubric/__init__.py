"""Pieces of rubric extraction (extractor.fields.rubrics assembles them).

- `cells`: what one table cell says (a point value, a subtotal, a scoring note, a total row).
- `columns`: which role each column of a scoring table plays (dimension, criterion, points…).
- `rules`: deduction rules (评分标准) split into clauses with their deduction, unit and cap.
- `checks`: warnings that check a rubric against its own stated totals.
- `grades`: grade bands, pass lines and totals stated in prose (`90分以上为优秀`, `总分110分`).
- `prose`: rubrics written as numbered paragraphs (`1.成立领导小组（5分）。未成立的不得分`).
"""
