"""The judges' portal (/giam-khao/): plain Django views, phone first."""
