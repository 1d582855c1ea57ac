#!/bin/sh
# A stand-in for ssh whose host never answers (a network that drops the packets): it takes the
# command and does nothing, until it is killed.
exec sleep 120
